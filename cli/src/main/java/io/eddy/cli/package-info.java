/**
 * {@code eddyctl}, Eddy's command-line client, modelled on etcdctl v3. Built by its own
 * issue on top of the reactive client; this module holds only its place in the build.
 */
package io.eddy.cli;
