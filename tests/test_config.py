"""Config discovery, validation and precedence."""

import json

from helpers import run_cli as run

PAGE = '<html lang="nl"><head><title>t</title></head><body><h1>Titel</h1><h3>Sub</h3>\n<h2>{long}</h2></body></html>'
LONG = "Een heel lange kop " * 5


def rules_in(out):
    return {f["rule"] for f in json.loads(out)["files"][0]["findings"]}


def setup_site(tmp_path, config, name="healthlint.toml"):
    site = tmp_path / "site"
    (site / "blog").mkdir(parents=True)
    (site / "blog" / "a.html").write_text(PAGE.format(long=LONG))
    (site / name).write_text(config)
    return site


def test_nearest_config_applies(tmp_path):
    site = setup_site(tmp_path, 'select = ["heading"]\nignore = ["heading-level-skip"]\n')
    code, out, _ = run("check", "--format", "json", str(site / "blog" / "a.html"))
    assert rules_in(out) == {"heading-too-long"}


def test_pyproject_tool_table_and_severity_and_options(tmp_path):
    site = setup_site(tmp_path, '[project]\nname = "x"\n[tool.healthlint]\nselect = ["heading"]\n'
                                '[tool.healthlint.severity]\nheading-too-long = "error"\n'
                                '[tool.healthlint.options.heading-too-long]\nmax_chars = 200\n', "pyproject.toml")
    code, out, _ = run("check", "--format", "json", str(site / "blog" / "a.html"))
    assert rules_in(out) == {"heading-level-skip"}
    (site / "pyproject.toml").write_text('[tool.healthlint]\nselect = ["heading"]\n[tool.healthlint.severity]\nheading-too-long = "error"\n')
    code, out, _ = run("check", "--format", "json", str(site / "blog" / "a.html"))
    sev = {f["rule"]: f["severity"] for f in json.loads(out)["files"][0]["findings"]}
    assert sev["heading-too-long"] == "error" and code == 1


def test_per_file_glob(tmp_path):
    site = setup_site(tmp_path, 'select = ["heading"]\n[[per-file]]\nglob = "blog/**"\nignore = ["heading-too-long"]\n')
    code, out, _ = run("check", "--format", "json", str(site / "blog" / "a.html"))
    assert "heading-too-long" not in rules_in(out) and "heading-level-skip" in rules_in(out)


def test_cli_wins_over_config(tmp_path):
    site = setup_site(tmp_path, 'select = ["heading-too-long"]\n')
    code, out, _ = run("check", "--format", "json", "--select", "heading-level-skip", str(site / "blog" / "a.html"))
    assert rules_in(out) == {"heading-level-skip"}


def test_unknown_key_rule_id_and_option_are_errors(tmp_path):
    for i, (config, needle) in enumerate([('selekt = ["heading"]\n', "selekt"),
                           ('ignore = ["heading-nope"]\n', "heading-nope"),
                           ('[severity]\nheading-nope = "error"\n', "heading-nope"),
                           ('[options.heading-too-long]\nmax_char = 3\n', "max_char"),
                           ('fail-on = "sometimes"\n', "sometimes"),
                           ('select = [\n', "invalid TOML")]):
        site = setup_site(tmp_path / str(i), config)
        code, _, err = run("check", str(site / "blog" / "a.html"))
        assert code == 2, config
        assert needle in err and "healthlint.toml" in err, err


def test_explicit_config_flag(tmp_path):
    site = setup_site(tmp_path, 'select = ["heading-too-long"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["heading-level-skip"]\n')
    code, out, _ = run("check", "--format", "json", "--config", str(other), str(site / "blog" / "a.html"))
    assert rules_in(out) == {"heading-level-skip"}


def test_fail_on_from_config(tmp_path):
    site = setup_site(tmp_path, 'select = ["heading-too-long"]\nfail-on = "info"\n')
    assert run("check", str(site / "blog" / "a.html"))[0] == 1
