/**
 * Injected corruption: the fault actor {@code F} ({@link dev.stablewrites.core.fault.FaultActor}),
 * which breaks memory, the wire or the media at a moment the schedule chooses, and the record of
 * every content a writer gave each block ({@link dev.stablewrites.core.fault.WrittenContents}),
 * which judges {@code NO_SILENT_CORRUPTION}.
 */
package dev.stablewrites.core.fault;
