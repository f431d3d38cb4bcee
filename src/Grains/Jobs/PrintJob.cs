namespace PrintFarm.Jobs;

/// <summary>
/// The life of one print job, as a state machine over <see cref="PrintJobState"/>. Pure: no
/// Orleans, no clock of its own. Every method answers whether it changed anything, so the grain
/// persists and notifies only on real transitions and ignores stale or repeated news.
/// </summary>
public sealed class PrintJob(PrintJobState state, int maxAttempts)
{
    public PrintJobState State { get; } = state;

    public bool Exists => State.Spec is not null;

    public bool IsOpen => State.Status is not (JobStatus.Done or JobStatus.Blocked or JobStatus.Cancelled);

    public bool Create(PrintJobSpec spec, DateTimeOffset now)
    {
        if (Exists) return false;
        State.Spec = spec;
        State.Attempt = 1;
        State.CreatedAt = now;
        MoveTo(JobStatus.Queued, now);
        return true;
    }

    /// <summary>The dispatcher picked a printer. Only a queued job can be assigned.</summary>
    public bool Assign(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Queued) return false;
        State.PrinterId = printerId;
        State.Attempts.Add(new JobAttempt { Number = State.Attempt, PrinterId = printerId });
        MoveTo(JobStatus.Assigned, now);
        return true;
    }

    /// <summary>The printer would not take it (busy, offline): back in the queue, same attempt.</summary>
    public bool AssignmentRefused(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Assigned || State.PrinterId != printerId) return false;
        State.Attempts.RemoveAt(State.Attempts.Count - 1);
        State.PrinterId = null;
        MoveTo(JobStatus.Queued, now);
        return true;
    }

    public bool Started(string printerId, DateTimeOffset now)
    {
        if (State.Status != JobStatus.Assigned || State.PrinterId != printerId) return false;
        CurrentAttempt!.StartedAt = now;
        State.Progress = 0;
        MoveTo(JobStatus.Printing, now);
        return true;
    }

    /// <summary>Live progress; not a transition, so the caller decides how often it matters.</summary>
    public bool ReportProgress(string printerId, double progress, int? remainingSeconds)
    {
        if (State.Status != JobStatus.Printing || State.PrinterId != printerId) return false;
        var changed = Math.Abs(State.Progress - progress) >= 0.01 || State.RemainingSeconds != remainingSeconds;
        State.Progress = Math.Clamp(progress, 0, 100);
        State.RemainingSeconds = remainingSeconds;
        return changed;
    }

    /// <summary>The printer finished: the part goes on to post-processing.</summary>
    public bool Printed(string printerId, DateTimeOffset now)
    {
        if (State.Status is not (JobStatus.Printing or JobStatus.Assigned) || State.PrinterId != printerId) return false;
        var attempt = CurrentAttempt!;
        attempt.StartedAt ??= now;
        attempt.EndedAt = now;
        attempt.Outcome = "printed";
        State.Progress = 100;
        State.RemainingSeconds = 0;
        State.Problem = null;
        MoveTo(JobStatus.PostProcessing, now);
        return true;
    }

    /// <summary>
    /// The print failed (or the printer lost it). The job goes back to the queue as a new
    /// attempt, or is blocked once it has used up its attempts so a person looks at it.
    /// </summary>
    public bool Failed(string printerId, string reason, DateTimeOffset now)
    {
        if (State.Status is not (JobStatus.Printing or JobStatus.Assigned) || State.PrinterId != printerId) return false;
        var attempt = CurrentAttempt!;
        attempt.EndedAt = now;
        attempt.Outcome = reason;
        State.PrinterId = null;
        State.Progress = 0;
        State.RemainingSeconds = null;
        if (State.Attempt >= maxAttempts)
        {
            State.Problem = $"print failed: {reason}; {State.Attempt} attempts used, waiting for an operator";
            MoveTo(JobStatus.Blocked, now);
        }
        else
        {
            State.Attempt++;
            State.Problem = $"print failed: {reason}, reprinting, attempt {State.Attempt}";
            MoveTo(JobStatus.Queued, now);
        }
        return true;
    }

    /// <summary>The current finishing step (post-processing, then QC) is complete.</summary>
    public bool FinishingStepDone(DateTimeOffset now)
    {
        switch (State.Status)
        {
            case JobStatus.PostProcessing:
                MoveTo(JobStatus.QualityCheck, now);
                return true;
            case JobStatus.QualityCheck:
                State.DoneAt = now;
                MoveTo(JobStatus.Done, now);
                return true;
            default:
                return false;
        }
    }

    public JobAttempt? CurrentAttempt => State.Attempts.Count > 0 ? State.Attempts[^1] : null;

    private void MoveTo(JobStatus status, DateTimeOffset now)
    {
        State.Status = status;
        State.StatusSince = now;
    }
}
