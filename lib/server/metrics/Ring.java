package lib.server.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The last {@code capacity} items, oldest first; adding to a full ring drops the oldest. Thread-safe. */
public final class Ring<T> {
    private final int capacity;
    private final ArrayDeque<T> items;

    public Ring(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("ring capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void add(T item) {
        if (items.size() == capacity) items.removeFirst();
        items.addLast(item);
    }

    public synchronized T last() { return items.peekLast(); }

    public synchronized T first() { return items.peekFirst(); }

    public synchronized int size() { return items.size(); }

    public int capacity() { return capacity; }

    public synchronized List<T> all() { return new ArrayList<>(items); }

    /** The items that pass {@code keep}, oldest first. */
    public synchronized List<T> where(Predicate<T> keep) {
        List<T> out = new ArrayList<>();
        for (T t : items) if (keep.test(t)) out.add(t);
        return out;
    }
}
