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

    public int Depth => _jobs.Count;
    public int IdlePrinters => _idle.Count;
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

    /// <summary>
    /// Matches waiting jobs to idle printers. Assigned jobs leave the queue and assigned printers
    /// leave the idle list; a printer that turns the job down comes back through
    /// <see cref="PrinterAvailable"/> and the job through <see cref="Enqueue"/>.
    /// </summary>
    public List<Assignment> Plan()
    {
        var assignments = new List<Assignment>();
        // The pool whose first job ranks highest picks first, so a printer loaded with two
        // materials serves the more urgent of their queues (an express PETG job before a standard
        // PLA one), as the projected schedule assumes; otherwise its first material always won.
        var ready = _ready.Where(k => _waiting.TryGetValue(k, out var waiting) && waiting.Count > 0)
            .OrderBy(k => _waiting[k].Min!, TicketOrder.Instance).ToList();
        foreach (var key in ready)
        {
            if (!_waiting.TryGetValue(key, out var jobs) || !_idleByPool.TryGetValue(key, out var printers)) continue;
            while (jobs.Count > 0 && printers.TryDequeue(out var printerId))
            {
                // Taken by another pool, gone, or reloaded with another material since it queued here.
                if (!_idle.TryGetValue(printerId, out var slot) || !Fits(slot, key)) continue;
                _idle.Remove(printerId);
                var job = jobs.Min!;
                jobs.Remove(job);
                _jobs.Remove(job.JobId);
                assignments.Add(new Assignment(job, printerId));
            }
        }
        _ready.Clear();
        return assignments;
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
