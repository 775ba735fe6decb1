/** The `stable-pages` strategy: see {@link dev.stablewrites.strategies.stablepages.StablePagesStrategy}. */
package dev.stablewrites.strategies.stablepages;
