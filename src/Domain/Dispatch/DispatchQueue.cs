namespace PrintFarm.Dispatch;

/// <summary>
/// The dispatcher's policy: queued jobs and idle printers, each kept per pool (technology +
/// material), matched by priority and placement time on the job side and longest-idle first on
/// the printer side, which spreads the work (and the wear) across the fleet. Every operation is
/// proportional to what it changes, never to the size of the farm, so one queue holds 10,000
/// printers. Pure: no Orleans.
/// </summary>
public sealed class DispatchQueue
{
    private readonly Dictionary<string, JobTicket> _jobs = [];
    private readonly Dictionary<PoolKey, SortedSet<JobTicket>> _waiting = [];
    private readonly Dictionary<string, PrinterSlot> _idle = [];
    // Printers per pool in the order they became idle. Stale entries (printer since taken or
    // gone) are skipped when met, which is cheaper than removing them from every pool eagerly.
    private readonly Dictionary<PoolKey, Queue<string>> _idleByPool = [];
    private readonly HashSet<PoolKey> _ready = [];
    private readonly HashSet<PoolKey> _heldBack = [];

    /// <summary>How far down a pool's queue a printer short of time looks for a job it can finish.</summary>
    private const int MostJobsLookedAt = 256;

    public int Depth => _jobs.Count;
    public int IdlePrinters => _idle.Count;
    public IEnumerable<string> IdlePrinterIds => _idle.Keys;
    public IEnumerable<JobTicket> Jobs => _waiting.Values.SelectMany(s => s).Order(TicketOrder.Instance);

    public bool Contains(string jobId) => _jobs.ContainsKey(jobId);

    /// <returns>False when the job was already queued (enqueueing is idempotent).</returns>
    public bool Enqueue(JobTicket ticket)
    {
        if (_jobs.TryGetValue(ticket.JobId, out var existing))
        {
            if (existing == ticket) return false;
            Remove(ticket.JobId);
        }
        _jobs[ticket.JobId] = ticket;
        if (!_waiting.TryGetValue(ticket.Pool, out var waiting))
        {
            _waiting[ticket.Pool] = waiting = new SortedSet<JobTicket>(TicketOrder.Instance);
        }
        waiting.Add(ticket);
        MarkReady(ticket.Pool);
        return true;
    }

    public bool Remove(string jobId)
    {
        if (!_jobs.Remove(jobId, out var ticket)) return false;
        _waiting[ticket.Pool].Remove(ticket);
        return true;
    }

    public void PrinterAvailable(PrinterSlot slot)
    {
        var wasIdle = _idle.ContainsKey(slot.PrinterId);
        _idle[slot.PrinterId] = slot;
        if (wasIdle) return;
        foreach (var material in slot.Materials)
        {
            var key = new PoolKey(slot.Technology, material);
            if (!_idleByPool.TryGetValue(key, out var printers)) _idleByPool[key] = printers = new Queue<string>();
            printers.Enqueue(slot.PrinterId);
            if (printers.Count > 2 * _idle.Count + 16) Compact(key, printers);
            MarkReady(key);
        }
    }

    public void PrinterUnavailable(string printerId) => _idle.Remove(printerId);

    /// <summary>Pools where a printer was held back for a window: planned again next time, as the window moves closer or ends.</summary>
    public bool HoldsPrintersBack => _heldBack.Count > 0;

    /// <summary>
    /// Matches waiting jobs to idle printers. Assigned jobs leave the queue and assigned printers
    /// leave the idle list; a printer that turns the job down comes back through
    /// <see cref="PrinterAvailable"/> and the job through <see cref="Enqueue"/>. With a
    /// <paramref name="fit"/>, a printer with limited time (a maintenance window ahead) takes the
    /// first job in serving order that fits that time, and stays idle if none does.
    /// </summary>
    public List<Assignment> Plan(IPrinterFit? fit = null)
    {
        var assignments = new List<Assignment>();
        foreach (var key in _heldBack) _ready.Add(key);
        _heldBack.Clear();
        // The pool whose first job ranks highest picks first, so a printer loaded with two
        // materials serves the more urgent of their queues (an express PETG job before a standard
        // PLA one), as the projected schedule assumes; otherwise its first material always won.
        var ready = _ready.Where(k => _waiting.TryGetValue(k, out var waiting) && waiting.Count > 0)
            .OrderBy(k => _waiting[k].Min!, TicketOrder.Instance).ToList();
        foreach (var key in ready)
        {
            if (!_waiting.TryGetValue(key, out var jobs) || !_idleByPool.TryGetValue(key, out var printers)) continue;
            List<string>? held = null;
            // Each printer queued here is looked at once per plan, so held printers are not met again.
            for (var left = printers.Count; left > 0 && jobs.Count > 0 && printers.TryDequeue(out var printerId); left--)
            {
                // Taken by another pool, gone, or reloaded with another material since it queued here.
                if (!_idle.TryGetValue(printerId, out var slot) || !Fits(slot, key)) continue;
                var job = FirstThatFits(jobs, slot, fit);
                if (job is null)
                {
                    (held ??= []).Add(printerId);
                    continue;
                }
                _idle.Remove(printerId);
                jobs.Remove(job);
                _jobs.Remove(job.JobId);
                assignments.Add(new Assignment(job, printerId));
            }
            if (held is null) continue;
            // Still idle: they go to the back of the pool and the pool is planned again next time.
            foreach (var printerId in held) printers.Enqueue(printerId);
            _heldBack.Add(key);
        }
        _ready.Clear();
        return assignments;
    }

    /// <summary>
    /// The first job in serving order the printer can take: one sliced for its model (or for any),
    /// that it has time for. The scan is bounded: a printer behind a long run of jobs too long for
    /// it, or sliced for other models, waits for its window to pass or for a job it fits.
    /// </summary>
    private static JobTicket? FirstThatFits(SortedSet<JobTicket> jobs, PrinterSlot printer, IPrinterFit? fit)
    {
        TimeSpan? available = fit?.TimeAvailable(printer.PrinterId);
        if (available <= TimeSpan.Zero) return null;
        var looked = 0;
        foreach (var job in jobs)
        {
            if (PrinterModels.Fit(job.PrinterModel, printer.Model)
                && (available is not { } time || fit!.ExpectedPrintTime(job, printer.PrinterId) <= time)) return job;
            if (++looked == MostJobsLookedAt) break;
        }
        return null;
    }

    private void MarkReady(PoolKey key)
    {
        if (_waiting.TryGetValue(key, out var jobs) && jobs.Count > 0
            && _idleByPool.TryGetValue(key, out var printers) && printers.Count > 0)
        {
            _ready.Add(key);
        }
    }

    private static bool Fits(PrinterSlot slot, PoolKey key) =>
        string.Equals(slot.Technology, key.Technology, StringComparison.OrdinalIgnoreCase)
        && slot.Materials.Any(m => string.Equals(m, key.Material, StringComparison.OrdinalIgnoreCase));

    /// <summary>Drops stale entries so a pool's idle queue stays proportional to the idle printers.</summary>
    private void Compact(PoolKey key, Queue<string> printers)
    {
        var seen = new HashSet<string>();
        var kept = printers.Where(p => _idle.TryGetValue(p, out var slot) && Fits(slot, key) && seen.Add(p)).ToList();
        printers.Clear();
        foreach (var p in kept) printers.Enqueue(p);
    }
}
