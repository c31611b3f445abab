/** The scenario library: scenario files (model and reader), the runner that plays them, and the policy calendar. */
package org.almasim.scenarios;
