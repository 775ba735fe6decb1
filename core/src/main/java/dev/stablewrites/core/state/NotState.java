package dev.stablewrites.core.state;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field, or every field of a type, that is not part of the model's state: a counter or a
 * record that no step reads (costs, coverage, trace notes, the step at which something was seen),
 * the run's driver, or an index derived from other state. {@link StateFingerprint} leaves it out, so
 * two runs that differ only there reach the same state.
 *
 * <p>Getting this wrong is unsound: a field marked here that a later step does read would let state
 * caching prune a state whose future differs. Mark only what is written and never read back by the
 * model.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface NotState {
}
