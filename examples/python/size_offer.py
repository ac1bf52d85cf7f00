#!/usr/bin/env python3
"""Size an atonement offer from a decision table file.

Usage: size_offer.py TABLE_FILE SEVERITY TIER PRICE CURRENCY
       e.g. size_offer.py lib/atone/severity-value.table 4 gold 120.00 EUR

TABLE_FILE is in the text format or DMN 1.3 XML (.dmn); its inputs here are severity, tier and
price, as in the built-in "severity-value" table.
"""

import decimal
import sys
from typing import Dict

import svcrecover


def main() -> int:
    if len(sys.argv) != 6:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, severity, tier, price, currency = sys.argv[1:]
    table = svcrecover.Table.from_file(path)
    facts: Dict[str, svcrecover.TableFactValue] = {
        "severity": int(severity),
        "tier": tier,
        "price": svcrecover.Money.from_decimal(decimal.Decimal(price), currency),
    }
    result = table.evaluate(facts)
    if not result.offers:
        print("no rule matched: no offer")
    for offer in result.offers:
        amount = str(offer.amount) if offer.amount is not None else "no amount"
        approval = f", approved by {offer.approval}" if offer.approval else ""
        print(f"{offer.kind}: {amount}{approval} (rule {offer.rule})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
