package dev.stablewrites.core.footprint;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java agent that rewrites the model's classes for {@link FootprintRecorder}. It starts with the
 * JVM ({@code java -jar stablewrites.jar} names it in the jar's manifest as {@code Launcher-Agent-Class};
 * the build's tests pass {@code -javaagent} with core's agent jar) but rewrites nothing until a search
 * that needs footprints calls {@link #enable}: the rewritten classes cost every run about a sixth more
 * time, recorded or not. Without the agent, {@link #enable} says no and such a search does without.
 */
public final class FootprintAgent {
    private static volatile Instrumentation instrumentation;
    private static boolean enabled;

    private FootprintAgent() {
    }

    /** With {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** From an executable jar's {@code Launcher-Agent-Class}. */
    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /**
     * Rewrites the model's classes, those loaded already and those to come, so their steps are
     * recorded from now on in this JVM. Returns false when the JVM started without the agent.
     */
    public static synchronized boolean enable() {
        if (enabled) {
            return true;
        }
        Instrumentation inst = instrumentation;
        if (inst == null) {
            return false;
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (inst.isModifiableClass(c) && !c.isArray() && !c.isHidden()
                    && FootprintTransformer.wanted(c.getName().replace('.', '/'))) {
                loaded.add(c);
            }
        }
        FootprintTransformer transformer = new FootprintTransformer();
        inst.addTransformer(transformer, true);
        try {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            // Half-rewritten is worse than not at all: back out, and say footprints are off.
            inst.removeTransformer(transformer);
            System.err.println("stablewrites footprints: cannot rewrite the loaded classes: " + e);
            return false;
        }
        enabled = true;
        return true;
    }
}
