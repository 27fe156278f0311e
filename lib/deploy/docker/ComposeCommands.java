package lib.deploy.docker;

import lib.util.Sh;

/**
 * The compose command lines for one service's project on its host (Kamal style: build here, run elsewhere,
 * test the strings). Every line starts in the synced service directory so relative paths in the file resolve
 * there. None of them removes volumes: there is no {@code -v} / {@code --volumes} anywhere.
 */
public record ComposeCommands(ComposeFlavor flavor, String dir, String file, String project) {

    /** {@code cd DIR && COMPOSE -p PROJECT -f FILE} — the prefix of every other command. */
    public String base() {
        return "cd " + Sh.quote(dir) + " && " + flavor.command() + " -p " + Sh.quote(project) + " -f " + Sh.quote(file);
    }

    /** Creates or recreates what changed in the file, starts everything, detached. */
    public String up() { return base() + " up -d"; }

    /** Recreates every container from the current file (volumes are kept). */
    public String restart() { return base() + " up -d --force-recreate"; }

    /** Starts what was last deployed: existing containers as they are, missing ones created. */
    public String start() { return base() + " up -d --no-recreate"; }

    public String stop() { return base() + " stop"; }

    /** Removes the project's containers and networks; never its volumes. */
    public String down() { return base() + " down"; }

    public String logs(int lines) { return base() + " logs --tail " + Math.max(0, lines) + " --no-color"; }
}
