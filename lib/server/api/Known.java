package lib.server.api;

import java.util.Collection;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;
import lib.registry.Suggest;
import lib.server.ApiError;

/** A name in a route's path that the registry does not know is a 404, with the CLI's did-you-mean. */
final class Known {
    private Known() {}

    static Service service(Registry reg, String name) {
        Service s = reg.services().get(name);
        if (s == null) throw notFound("service", name, reg.services().keySet());
        return s;
    }

    static Host host(Registry reg, String name) {
        Host h = reg.hosts().get(name);
        if (h == null) throw notFound("host", name, reg.hosts().keySet());
        return h;
    }

    /** A service named in a query parameter: unknown is a 400 naming the parameter. */
    static String serviceParam(Registry reg, String name, String param) {
        if (reg.services().containsKey(name)) return name;
        throw ApiError.badField(param, notFound("service", name, reg.services().keySet()).getMessage());
    }

    static ApiError notFound(String what, String name, Collection<String> known) {
        String dym = Suggest.didYouMean(name, known);
        return ApiError.notFound("no " + what + " '" + name + "'" + (dym == null ? "" : " (" + dym + ")"));
    }
}
