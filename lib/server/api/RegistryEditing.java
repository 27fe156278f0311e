package lib.server.api;

import java.util.List;
import java.util.function.UnaryOperator;
import lib.registry.EditException;
import lib.registry.RegistryError;
import lib.registry.RegistryException;
import lib.registry.RegistryFile;
import lib.server.ApiError;
import lib.server.ServerContext;

/**
 * The one way the registry routes write: {@link RegistryFile#edit} (locked, re-read under the lock, validated,
 * atomic, comments kept) exactly as `portoser registry …` runs it, then the server's registry is reloaded. A rejected edit writes nothing and becomes a 400 carrying every validation message.
 */
final class RegistryEditing {
    private RegistryEditing() {}

    static RegistryFile.Change apply(ServerContext ctx, UnaryOperator<String> edit) {
        RegistryFile.Change change;
        try {
            change = RegistryFile.edit(ctx.registry().file(), edit, System.getenv(), false);
        } catch (RegistryException e) {
            throw invalid(e.errors());
        }
        // Reloaded now, so the caller's next read sees the edit; the server's registry watcher tells the UI.
        if (change.changed()) {
            ctx.registry().changed();
            ctx.registry().get();
        }
        return change;
    }

    /**
     * As {@link #apply}, for a removal: an edit refused because of what else the registry holds (services on the
     * host, services depending on it) is a 409 with the reason and what to do first.
     */
    static RegistryFile.Change applyOrConflict(ServerContext ctx, UnaryOperator<String> edit) {
        try {
            return apply(ctx, edit);
        } catch (EditException e) {
            throw ApiError.conflict(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    /** 400 `invalid`: the first message as the detail, its field, and every message (file:line:col: field: message). */
    static ApiError invalid(List<RegistryError> errors) {
        List<String> lines = errors.stream().map(RegistryError::format).toList();
        String field = errors.isEmpty() ? null : errors.get(0).field();
        return new ApiError(400, "invalid", lines.isEmpty() ? "invalid registry" : lines.get(0), field == null || field.isEmpty() ? null : field, lines);
    }
}
