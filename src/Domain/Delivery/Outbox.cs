namespace PrintFarm.Delivery;

/// <summary>
/// News a grain owes another grain, kept in the grain's own state so it is stored with the
/// change that caused it, oldest first, until the receiver has it. Used for a job's news to its
/// order, and a printer's lost jobs to those jobs: "tell until heard". Pure: the grain supplies the
/// list (a property of its state) and sends; <see cref="Delivered"/> takes the head off once heard.
/// </summary>
public sealed class Outbox<T>(List<T> pending) where T : notnull
{
    public bool IsEmpty => pending.Count == 0;

    public int Count => pending.Count;

    /// <summary>Everything owed, oldest first.</summary>
    public IReadOnlyList<T> Pending => pending;

    /// <summary>What to send next; null when nothing is owed.</summary>
    public T? Next => pending.Count > 0 ? pending[0] : default;

    /// <summary>
    /// Adds news to send after what is already owed. With <paramref name="keep"/>, only the newest
    /// that many are kept: for news where each item supersedes the ones before it, so a receiver
    /// out of reach for long still gets the latest without the list growing.
    /// </summary>
    public void Add(T item, int? keep = null)
    {
        pending.Add(item);
        if (keep is { } most && pending.Count > most) pending.RemoveRange(0, pending.Count - most);
    }

    /// <summary>Adds news unless the same is already owed.</summary>
    public bool AddOnce(T item)
    {
        if (pending.Contains(item)) return false;
        pending.Add(item);
        return true;
    }

    /// <summary>The receiver has <paramref name="item"/>: it leaves the outbox.</summary>
    public void Delivered(T item) => pending.Remove(item);
}
