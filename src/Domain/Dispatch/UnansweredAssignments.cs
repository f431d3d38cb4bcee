namespace PrintFarm.Dispatch;

/// <summary>
/// The assignments a dispatcher sent and has not seen answered. An assignment is one-way, so
/// the dispatcher never learns whether its job heard it. When the job's activation was on a
/// silo that just died, the message is dropped. The dispatcher has taken the job out of the
/// queue by then, and the job would wait for its keep-alive.
/// <para>
/// The printer tells. It withdraws from its pools when it takes a job. When a printer offers
/// itself again while its assignment is older than <c>Dispatch:AssignmentAnswerWithin</c>,
/// the job did not take it. The dispatcher wakes the job, which queues itself again if it
/// still waits; waking a job that moved on does nothing. A job is woken a few times at most:
/// past that, its keep-alive covers it. Pure: no Orleans.
/// </para>
/// </summary>
public sealed class UnansweredAssignments(TimeSpan answerWithin)
{
    /// <summary>How many times one assignment's job is woken before only its keep-alive is left.</summary>
    public const int MostWakes = 3;

    private readonly Dictionary<string, Offer> _byPrinter = [];
    private readonly Dictionary<string, string> _printerByJob = [];

    public int Count => _byPrinter.Count;

    /// <summary>The dispatcher sent <paramref name="jobId"/> to <paramref name="printerId"/>.</summary>
    public void Sent(string jobId, string printerId, DateTimeOffset at)
    {
        if (_byPrinter.Remove(printerId, out var before)) _printerByJob.Remove(before.JobId);
        if (_printerByJob.Remove(jobId, out var other)) _byPrinter.Remove(other);
        _byPrinter[printerId] = new Offer(jobId, at, 0);
        _printerByJob[jobId] = printerId;
    }

    /// <summary>The printer withdrew from its pools: it took the job (or went busy or offline, when its job's own checks take over).</summary>
    public void PrinterBusy(string printerId)
    {
        if (_byPrinter.Remove(printerId, out var sent)) _printerByJob.Remove(sent.JobId);
    }

    /// <summary>The job told the dispatcher where it stands (back in the queue, or out of it): its assignment was answered.</summary>
    public void JobHeard(string jobId)
    {
        if (_printerByJob.Remove(jobId, out var printerId)) _byPrinter.Remove(printerId);
    }

    /// <summary>
    /// The printer offers itself again. Returns the job to wake when the printer's assignment
    /// went unanswered for <c>answerWithin</c>; the next wake waits as long again.
    /// </summary>
    public string? PrinterFree(string printerId, DateTimeOffset now)
    {
        if (!_byPrinter.TryGetValue(printerId, out var sent) || now - sent.At < answerWithin) return null;
        if (sent.Wakes + 1 >= MostWakes)
        {
            _byPrinter.Remove(printerId);
            _printerByJob.Remove(sent.JobId);
        }
        else
        {
            _byPrinter[printerId] = sent with { At = now, Wakes = sent.Wakes + 1 };
        }
        return sent.JobId;
    }

    private readonly record struct Offer(string JobId, DateTimeOffset At, int Wakes);
}
