/**
 * The consortium side of almasim: declarative purge policies, previewed with every reason for every patron and executed
 * through the Alma REST API. It talks to an Alma (the simulator or a real institution) over HTTP only and never depends
 * on the simulator module. {@code policy} reads policies, {@code evaluation} decides a patron, {@code preview} and
 * {@code execution} preview and run a policy, {@code consortium} runs one member by member, {@code report} renders it.
 */
package org.almasim.engine;
