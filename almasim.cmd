@echo off
rem almasim launcher for Windows: builds the runnable jar with the Maven wrapper when it is missing, then runs the
rem command line. Needs only a JDK 17+. Unlike ./almasim it does not rebuild when the sources change: delete
rem app\target\almasim.jar (or run mvnw.cmd -DskipTests package) after changing them.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%app\target\almasim.jar"
if not exist "%JAR%" (
    echo almasim: building the runnable jar ^(first run^)... 1>&2
    pushd "%HERE%"
    call mvnw.cmd -B -q -DskipTests package 1>&2
    popd
)
java %ALMASIM_JAVA_OPTS% -jar "%JAR%" %*
