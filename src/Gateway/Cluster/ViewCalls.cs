namespace PrintFarm.Gateway.Cluster;

/// <summary>
/// Calls to the grains that exist once per farm (fleet, job board, order board, pools,
/// maintenance, registry): they are on the operators' path only, and while Orleans moves one
/// after its silo died, the call gives up after <see cref="GatewayOptions.ViewPatience"/> with a
/// <see cref="TimeoutException"/>, which <see cref="FarmExceptionHandler"/> answers with 503 and
/// Retry-After, instead of hanging for Orleans' 30 s call timeout.
/// </summary>
public static class ViewCalls
{
    public static Task<T> Within<T>(this Task<T> call, GatewayOptions options) => call.WaitAsync(options.ViewPatience);

    public static Task Within(this Task call, GatewayOptions options) => call.WaitAsync(options.ViewPatience);
}
