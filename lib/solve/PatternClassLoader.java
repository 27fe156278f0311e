package lib.solve;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads `patterns.*` classes from the freshly compiled directory before asking the parent: Maven (and a JBang jar)
 * may already hold an older `patterns.X` on the classpath, and parent-first loading would silently run that stale
 * copy instead of the file the user just edited. Everything else (lib.*, the JDK) still comes from the parent, so
 * the pattern sees the very same {@link Pattern} interface the solver uses.
 */
final class PatternClassLoader extends URLClassLoader {
    PatternClassLoader(URL dir, ClassLoader parent) {
        super(new URL[] {dir}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("patterns.")) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }
}
