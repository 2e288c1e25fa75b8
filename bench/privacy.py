"""How long bot.privacy takes as text grows: it must stay linear up to 20,000 characters.

python -m bench.privacy prints the table; bench/__main__ includes it in results.md.
"""
import statistics
import time

from bot.privacy import find_personal

SIZES = (1_000, 5_000, 10_000, 20_000)
REPEATS = 5
INPUTS = {
    "digits and spaces": "1 ",
    "digits and hyphens": "0-",
    "kanji-numeral addresses": "二百十五番地",
    "「私は」 repeated": "私は",
    "a question": "撫養町に住んでいますが、何件漏れたのですか？090-1234-5678 ",
}


def median_ms(text: str) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        find_personal(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run() -> str:
    rows = ["| input | " + " | ".join(f"{size:,} chars" for size in SIZES) + " | 20k ÷ 1k |",
            "|---|" + "---|" * (len(SIZES) + 1)]
    for name, unit in INPUTS.items():
        times = [median_ms((unit * (size // len(unit) + 1))[:size]) for size in SIZES]
        rows.append(f"| {name} | " + " | ".join(f"{t:.2f} ms" for t in times)
                    + f" | {times[-1] / times[0]:.1f}× |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(run())
