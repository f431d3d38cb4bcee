using Microsoft.AspNetCore.Http.Features;

namespace PrintFarm.Tests.Gateway;

/// <summary>A response feature that runs its OnStarting callbacks when asked, as a server does before the first byte.</summary>
public sealed class StartingResponse : HttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

    public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

    public async Task Start()
    {
        // Last registered runs first, as in Kestrel.
        for (var i = _starting.Count - 1; i >= 0; i--) await _starting[i].Callback(_starting[i].State);
        _starting.Clear();
    }
}
