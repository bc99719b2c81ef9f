"""Rule modules, one per catalog id, grouped by category. Importing this
package's modules registers the rules (see healthlint.registry)."""
