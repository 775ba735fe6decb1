/** Strategy settings: one commented defaults file per strategy jar, typed by the module that reads it. */
package dev.stablewrites.core.config;
