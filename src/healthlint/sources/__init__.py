"""Articles that live elsewhere than in local files: WordPress (REST API, export files), live pages and sitemaps."""
