namespace PrintFarm.Dispatch;

/// <summary>Priority first, then the oldest order, then the job id so the order is total.</summary>
public sealed class TicketOrder : IComparer<JobTicket>
{
    public static readonly TicketOrder Instance = new();

    public int Compare(JobTicket? x, JobTicket? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.Priority.CompareTo(y.Priority);
        if (c != 0) return c;
        c = x.PlacedAt.CompareTo(y.PlacedAt);
        return c != 0 ? c : string.CompareOrdinal(x.JobId, y.JobId);
    }
}
