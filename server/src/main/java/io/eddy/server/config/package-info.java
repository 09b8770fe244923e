/**
 * Configuration, declared once: every setting is a typed {@link io.eddy.server.config.Setting}
 * constant in {@link io.eddy.server.config.EddySettings} with its default and unit, and
 * {@link io.eddy.server.config.Settings} is an immutable set of values for them. Flags,
 * environment variables and config files (the node launcher) all resolve to these keys.
 */
package io.eddy.server.config;
