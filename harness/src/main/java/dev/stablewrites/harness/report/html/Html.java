package dev.stablewrites.harness.report.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Escaping and number formatting for the page: the same bytes on every machine and in every locale. */
public final class Html {
    private Html() {
    }

    /** Text for an element's content or a quoted attribute value. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** {@code v} to {@code digits} significant digits, never in exponent form; an en dash for none. */
    static String sig(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "\u2013";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** {@code v} with at most {@code decimals} decimals, as CompareJson writes counters; an en dash for null. */
    static String fixed(Double v, int decimals) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "\u2013";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * A latency with the unit that keeps it short, by the rule of the text table's
     * ({@code TimedTable}): below 1 \u00b5s in ns, below 1 ms in \u00b5s with one decimal, below 1 s
     * in ms with two, else in s with two.
     */
    static String duration(double ns) {
        if (ns < 1e3) {
            return String.format(java.util.Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1e6) {
            return String.format(java.util.Locale.ROOT, "%.1f \u00b5s", ns / 1e3);
        }
        if (ns < 1e9) {
            return String.format(java.util.Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.2f s", ns / 1e9);
    }
}
