/** Linux 3.0's stable pages: writers wait on {@code PG_writeback} in {@code page_mkwrite} and {@code write_begin}. */
package dev.stablewrites.strategies.mkwritewait;
