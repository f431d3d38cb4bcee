namespace PrintFarm.Tests;

/// <summary>Polls until a condition holds, for tests of a system that moves on its own.</summary>
internal static class Eventually
{
    /// <remarks>
    /// A probe that reads the gateway may be answered 503, "the farm did not answer in time, try
    /// again" (Gateway:ViewPatience, on a loaded machine): that is asked again like any answer not
    /// yet wanted, and named if it is the last one seen. Any other failure ends the wait.
    /// </remarks>
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // Described only if the wait times out: describing some values (a mail message) throws.
            Func<string> seen;
            try
            {
                var last = await probe();
                if (done(last)) return last;
                seen = () => Describe(last);
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                seen = () => "503 Service Unavailable";
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}. Last seen: {seen()}");
            await Task.Delay(100);
        }
    }

    /// <summary>An HTTP answer by its status and request line only: its request's headers carry the caller's key.</summary>
    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        HttpResponseMessage response => $"{(int)response.StatusCode} {response.ReasonPhrase} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}",
        _ => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { WriteIndented = false }),
    };
}
