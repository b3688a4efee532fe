"""Writes imrgraph/data/icd10cm.json.gz, the part of the ICD-10-CM code set imrgraph reads, from the installed
simple-icd-10-cm. Run it after changing that package's version; tests/test_vocab.py fails while the table
and the package differ.

    python scripts/make_icd10cm_table.py
"""

from imrgraph.link import ICD_TABLE, write_icd_table

if __name__ == "__main__":
    write_icd_table()
    print(f"wrote {ICD_TABLE} ({ICD_TABLE.stat().st_size:,} bytes)")
