/**
 * Scenario files and their runner (with the scenarios issue), and the {@code almasim} command line in {@code cli}.
 */
package org.almasim.scenarios;
