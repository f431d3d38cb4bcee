using Microsoft.Extensions.Logging;

namespace PrintFarm.Delivery;

/// <summary>
/// One reminder a grain holds while it has work that must outlive its silo (an open job, news
/// its order has not heard): if the silo dies, the reminder wakes the grain elsewhere. Holding
/// and letting go never fail the grain's own work; a reminder that could not be written is
/// tried again at the next <see cref="Hold"/>, and one that could not be removed lets itself go
/// at its next tick.
/// </summary>
public sealed partial class ReminderHold(Grain grain, string name, TimeSpan period, ILogger logger)
{
    private IGrainReminder? _reminder;

    public string Name => name;

    /// <summary>Registers the reminder unless held; with <paramref name="lookUpFirst"/> (on activation) it is usually there already.</summary>
    public Task Hold(bool lookUpFirst = false) => Hold(period, lookUpFirst);

    /// <summary>
    /// Holds the reminder with this period: one held with another period this activation set is
    /// registered again. One found on activation is kept as it is, whatever its period, so that
    /// waking costs no write; the next move registers the period it needs.
    /// </summary>
    public Task Hold(TimeSpan every, bool lookUpFirst = false)
    {
        if (_reminder is not null && (_heldEvery == every || (_heldEvery is null && lookUpFirst))) return Task.CompletedTask;
        // Callers of a grain whose calls interleave join the registration under way.
        if (_holding is { IsCompleted: false } underWay) return underWay;
        return _holding = Register(every, lookUpFirst && _reminder is null);
    }

    private Task? _holding;
    private TimeSpan? _heldEvery;

    private async Task Register(TimeSpan every, bool lookUpFirst)
    {
        try
        {
            if (lookUpFirst)
            {
                _reminder = await grain.GetReminder(name);
                _heldEvery = null;
                if (_reminder is not null) return;
            }
            _reminder = await grain.RegisterOrUpdateReminder(name, every, every);
            _heldEvery = every;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(grain.GetGrainId().ToString(), name, e.Message);
        }
    }

    /// <summary>Unregisters the reminder, looking it up first when this activation never held it (a tick woke it).</summary>
    public async Task LetGo()
    {
        try
        {
            _reminder ??= await grain.GetReminder(name);
            if (_reminder is null) return;
            await grain.UnregisterReminder(_reminder);
            _reminder = null;
            _heldEvery = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(grain.GetGrainId().ToString(), name, e.Message);
        }
    }

    /// <summary>Holds while <paramref name="needed"/>, lets go otherwise.</summary>
    public Task Follow(bool needed) => needed ? Hold() : _reminder is null ? Task.CompletedTask : LetGo();

    /// <summary>Holds with the period given, lets go when there is none.</summary>
    public Task Follow(TimeSpan? every) => every is { } period ? Hold(period) : _reminder is null ? Task.CompletedTask : LetGo();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain} could not update its reminder {Reminder} (tried again later): {Error}")]
    private partial void LogFailed(string grain, string reminder, string error);
}
