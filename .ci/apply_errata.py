"""Copies a gold folder, setting the values `.ci/errata.json` corrects (each with its reason), and prints
every correction so the log shows what was scored against what."""

import json
import shutil
import sys
from pathlib import Path


def main(source: str, target: str, errata: str, acceptance_set: str) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)
    for stem, fix in json.loads(Path(errata).read_text())[acceptance_set].items():
        path = Path(target) / f"{stem}.json"
        path.chmod(0o644)
        gold = json.loads(path.read_text())
        for field, value in fix["set"].items():
            print(f"erratum {acceptance_set}/{stem} {field}: {gold.get(field)!r} -> {value!r} ({fix['why']})")
            gold[field] = value
        path.write_text(json.dumps(gold, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
