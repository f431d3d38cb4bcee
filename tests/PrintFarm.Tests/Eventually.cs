namespace PrintFarm.Tests;

/// <summary>Polls until a condition holds, for tests of a system that moves on its own.</summary>
internal static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}. Last seen: {Describe(last)}");
            await Task.Delay(100);
            last = await probe();
        }
        return last;
    }

    /// <summary>An HTTP answer by its status and request line only: its request's headers carry the caller's key.</summary>
    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        HttpResponseMessage response => $"{(int)response.StatusCode} {response.ReasonPhrase} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}",
        _ => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { WriteIndented = false }),
    };
}
