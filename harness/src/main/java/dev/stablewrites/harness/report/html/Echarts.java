package dev.stablewrites.harness.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Apache ECharts' minified bundle, read once from the {@code org.webjars.npm:echarts} webjar on the
 * class path (the shaded jar keeps only this file of it). {@link #VERSION} must match
 * {@code echarts.version} in the parent pom.
 */
final class Echarts {
    static final String VERSION = "5.3.1";
    static final String RESOURCE = "META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

    private Echarts() {
    }

    /** The bundle's text; its Apache license header stays at its top. */
    static String script() {
        return Holder.SCRIPT;
    }

    private static final class Holder {
        static final String SCRIPT = load();

        private static String load() {
            try (InputStream in = Echarts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path: the harness jar was built"
                            + " without the org.webjars.npm:echarts:" + VERSION + " webjar");
                }
                String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
                    // Never so in 5.3.1; a later bundle that had it would end the element early.
                    throw new IllegalStateException(RESOURCE + " contains </script and cannot be inlined");
                }
                return js;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
