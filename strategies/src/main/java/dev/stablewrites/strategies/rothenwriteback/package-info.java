/** The order the 2011 thread warns about: {@code set_memory_ro}, then {@code set_page_writeback}, at prep. */
package dev.stablewrites.strategies.rothenwriteback;
