/** The `dio-fallback-buffered` strategy: see {@link dev.stablewrites.strategies.diofallback.DioFallbackBufferedStrategy}. */
package dev.stablewrites.strategies.diofallback;
