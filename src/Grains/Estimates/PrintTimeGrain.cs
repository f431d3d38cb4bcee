using Microsoft.Extensions.Options;

namespace PrintFarm.Estimates;

public sealed class PrintTimeGrain(
    [PersistentState("printtimes", FarmStorage.Name)] IPersistentState<PrintTimeState> state,
    IOptions<EstimateOptions> options) : Grain, IPrintTimeGrain
{

    private static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(10);
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // One finished print more or less changes little: store in batches, and on the way out.
        this.RegisterGrainTimer(SaveIfDirty, new GrainTimerCreationOptions { DueTime = SaveDelay, Period = SaveDelay });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveIfDirty(cancellationToken);

    public Task Learn(string? printerModel, string material, int estimatedSeconds, double actualSeconds)
    {
        new PrintTimeModel(state.State, options.Value.Learning).Learn(printerModel, material, estimatedSeconds, actualSeconds);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<PrintTimeState> Get() => Task.FromResult(state.State);

    private Task SaveIfDirty(CancellationToken cancellationToken)
    {
        if (!_dirty) return Task.CompletedTask;
        _dirty = false;
        return state.WriteStateAsync();
    }
}
