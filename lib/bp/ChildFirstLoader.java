package bp;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Predicate;

/// A class loader that loads the classes `childFirst` accepts from its own URLs before asking its
/// parent. `--mine` uses it to put a student's classes in front of the solutions a chapter was
/// built with; the grader uses it to put a suite's freshly compiled classes in front of the class
/// path. A class it cannot find itself still comes from the parent.
public final class ChildFirstLoader extends URLClassLoader {

    private final Predicate<String> childFirst;

    public ChildFirstLoader(URL[] urls, ClassLoader parent, Predicate<String> childFirst) {
        super(urls, parent);
        this.childFirst = childFirst;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!childFirst.test(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
