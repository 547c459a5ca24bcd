package org.cinestack.render.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a render and what each needs. A job is added after every job it needs, so the graph has no cycle and
 * its order of addition is an order to run it in. Adding a job whose id is already there keeps the first: the same
 * inputs are the same work.
 */
public final class JobGraph {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, List<String>> dependants = new LinkedHashMap<>();

    /**
     * @param job a job; every job it needs must be in the graph already
     * @return the job in the graph under its id (the one given, or the same work added before)
     * @throws IllegalArgumentException when it needs a job that is not in the graph
     */
    public Job add(Job job) {
        Job there = jobs.get(job.id());
        if (there != null) return there;
        for (String need : job.needs()) {
            if (!jobs.containsKey(need)) {
                throw new IllegalArgumentException(job.label() + " needs job " + need + ", which is not in the graph "
                    + "(add what a job needs before it)");
            }
        }
        jobs.put(job.id(), job);
        dependants.put(job.id(), new ArrayList<>());
        for (String need : job.needs()) dependants.get(need).add(job.id());
        return job;
    }

    /** @return every job, in an order that runs each after what it needs */
    public List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** @return the job with this id, or null */
    public Job job(String id) {
        return jobs.get(id);
    }

    /** @return the ids of the jobs that need this one directly */
    public List<String> dependants(String id) {
        return Collections.unmodifiableList(dependants.getOrDefault(id, List.of()));
    }

    /** @return how many jobs */
    public int size() {
        return jobs.size();
    }
}
