package io.promo.demo;

import java.io.PrintStream;

/**
 * A one-line progress bar for the terminal. On a console it redraws itself in place; when the output is a
 * pipe or a file (CI, tests) it prints a plain line at each tenth instead, so logs stay readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean redrawInPlace;
    private final long total;
    private int lastTenthPrinted = -1;

    ProgressBar(PrintStream out, boolean redrawInPlace, long total) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be positive: " + total);
        }
        this.out = out;
        this.redrawInPlace = redrawInPlace;
        this.total = total;
    }

    /** A bar that redraws in place only when attached to an interactive console. */
    static ProgressBar forConsole(PrintStream out, long total) {
        return new ProgressBar(out, System.console() != null, total);
    }

    void show(long done, String label) {
        long clamped = Math.max(0, Math.min(done, total));
        int percent = (int) (clamped * 100 / total);
        if (redrawInPlace) {
            int filled = (int) (clamped * WIDTH / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + label + "   ");
            out.flush();
        } else if (percent / 10 > lastTenthPrinted) {
            lastTenthPrinted = percent / 10;
            out.println(percent + "% " + label);
        }
    }

    void finish(String label) {
        show(total, label);
        if (redrawInPlace) {
            out.println();
        }
    }
}
