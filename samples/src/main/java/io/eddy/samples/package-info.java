/**
 * Runnable samples for Eddy's client, each run in CI against a real cluster. They arrive
 * with the client; this module holds only its place in the build.
 */
package io.eddy.samples;
