/** Stable writes by copying: the bio carries a bounce copy of each page from prep to completion. */
package dev.stablewrites.strategies.bounce;
