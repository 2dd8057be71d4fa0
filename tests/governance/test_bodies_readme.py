"""The body-file guide's examples are what they claim: each YAML block reads, and the
examples of rules import when put into a body."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from governance import bodyfile

README = (bodyfile.SHIPPED_DIR / "README.md").read_text()
BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)
REMUNERATION = yaml.safe_load(
    (bodyfile.SHIPPED_DIR / "examples" / "remuneration-committee.yaml").read_text()
)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.split("\n")[0][:40])
def test_each_yaml_example_reads(block):
    assert yaml.safe_load(block.replace("…", "x")) is not None


def with_rules(**rules) -> str:
    data = copy.deepcopy(REMUNERATION)
    data["terms"][0]["rules"].update(rules)
    return yaml.safe_dump(data)


def block_with(key: str) -> dict:
    return next(yaml.safe_load(b) for b in BLOCKS if b.startswith(f"{key}:"))


def test_the_alternatives_example_imports_into_a_body():
    quorum = block_with("quorum")["quorum"]
    bodyfile.load_text(with_rules(quorum=quorum), "example.yaml")


def test_the_business_only_and_written_resolution_examples_import():
    bodyfile.load_text(
        with_rules(
            membership=block_with("membership")["membership"],
            decisions_outside_meetings=block_with("decisions_outside_meetings")[
                "decisions_outside_meetings"
            ],
        ),
        "example.yaml",
    )


def test_the_obligations_example_imports():
    bodyfile.load_text(with_rules(obligations=block_with("obligations")["obligations"]), "x.yaml")
