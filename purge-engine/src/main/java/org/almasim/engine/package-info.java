/**
 * The consortium side of almasim: declarative purge policies, previewed with every reason for every patron and executed
 * through the Alma REST API. It talks to an Alma (the simulator or a real institution) over HTTP only and never depends
 * on the simulator module. The policies, preview, run and diff arrive with the purge engine issue.
 */
package org.almasim.engine;
