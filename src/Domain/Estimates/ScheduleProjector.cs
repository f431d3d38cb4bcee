using PrintFarm.Dispatch;

namespace PrintFarm.Estimates;

/// <summary>
/// The dispatcher's projected schedule: greedy list scheduling of the queue, in the order it will
/// be served, each job going to the compatible online printer that frees up first, for as long as
/// the learned print-time model expects it to take on that printer's model.
/// <para>
/// Each pool (technology + material) keeps a min-heap of its printers by free time. A printer
/// with several materials sits in several heaps; when a job moves its free time, it is pushed
/// again into each of its heaps with a new version and the old entries are dropped lazily when
/// they surface. So a projection costs O((printers × materials + jobs × materials) log printers),
/// never jobs × printers.
/// </para>
/// It knows nothing of jobs that will arrive later (an express order jumps ahead of queued
/// standard ones), so projected starts are a lower bound, which the estimator's margin covers.
/// </summary>
public static class ScheduleProjector
{
    public static ScheduleProjection Project(
        IEnumerable<JobTicket> queue,
        IReadOnlyList<PrinterForecast> printers,
        PrintTimeModel printTimes,
        DateTimeOffset now)
    {
        var count = printers.Count;
        var freeTicks = new long[count];
        var version = new int[count];
        var heapsOf = new PriorityQueue<(int Printer, int Version), (long FreeTicks, int Printer)>[count][];
        var pools = new Dictionary<PoolKey, PriorityQueue<(int Printer, int Version), (long FreeTicks, int Printer)>>();

        for (var i = 0; i < count; i++)
        {
            var printer = printers[i];
            heapsOf[i] = [];
            if (!printer.Online) continue;
            freeTicks[i] = printer.FreeAt.UtcTicks;
            var heaps = new List<PriorityQueue<(int, int), (long, int)>>(printer.Materials.Count);
            foreach (var material in printer.Materials)
            {
                var key = new PoolKey(printer.Technology, material);
                if (!pools.TryGetValue(key, out var heap)) pools[key] = heap = new();
                // A material listed twice must not put the printer twice in one pool.
                if (heaps.Contains(heap)) continue;
                heap.Enqueue((i, 0), (freeTicks[i], i));
                heaps.Add(heap);
            }
            heapsOf[i] = [.. heaps];
        }

        var nowTicks = now.UtcTicks;
        var factors = new Dictionary<(string Model, string Material), double>();
        var projected = new List<ProjectedJob>();
        var unplaced = new List<string>();
        foreach (var job in queue)
        {
            var pool = job.Pool;
            if (!pools.TryGetValue(pool, out var heap) || !TryTakeEarliest(heap, version, out var printer))
            {
                unplaced.Add(job.JobId);
                continue;
            }
            var model = printers[printer].Model;
            var factorKey = (model ?? "", pool.Material);
            if (!factors.TryGetValue(factorKey, out var factor))
                factors[factorKey] = factor = printTimes.Factor(model, job.Material);

            var start = Math.Max(nowTicks, freeTicks[printer]);
            var end = start + (long)(Math.Max(0, job.EstimatedPrintSeconds) * factor * TimeSpan.TicksPerSecond);
            freeTicks[printer] = end;
            var next = ++version[printer];
            foreach (var other in heapsOf[printer]) other.Enqueue((printer, next), (end, printer));
            projected.Add(new ProjectedJob(job.JobId, printers[printer].PrinterId, model,
                new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero)));
        }

        var tailStart = new Dictionary<PoolKey, DateTimeOffset>(pools.Count);
        foreach (var (key, heap) in pools)
        {
            if (!PeekEarliest(heap, version, out var printer)) continue;
            tailStart[key] = new DateTimeOffset(Math.Max(nowTicks, freeTicks[printer]), TimeSpan.Zero);
        }
        return new ScheduleProjection(projected, unplaced, tailStart);
    }

    private static bool TryTakeEarliest(
        PriorityQueue<(int Printer, int Version), (long FreeTicks, int Printer)> heap, int[] version, out int printer)
    {
        if (!PeekEarliest(heap, version, out printer)) return false;
        heap.Dequeue();
        return true;
    }

    /// <summary>Drops entries made stale by a later job on the same printer in another pool.</summary>
    private static bool PeekEarliest(
        PriorityQueue<(int Printer, int Version), (long FreeTicks, int Printer)> heap, int[] version, out int printer)
    {
        while (heap.TryPeek(out var entry, out _))
        {
            if (entry.Version == version[entry.Printer])
            {
                printer = entry.Printer;
                return true;
            }
            heap.Dequeue();
        }
        printer = -1;
        return false;
    }
}
