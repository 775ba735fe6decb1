/** The 2011 proposal: stable-page waits plus {@code set_page_writeback}, then {@code set_memory_ro}, at prep. */
package dev.stablewrites.strategies.writebackthenro;
