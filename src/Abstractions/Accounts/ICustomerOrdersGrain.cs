namespace PrintFarm.Accounts;

/// <summary>
/// The orders of one account, newest first: what <c>GET /api/orders</c> pages through for a
/// customer. Keyed by the account's login; each order tells it once, until heard.
/// </summary>
[Alias("PrintFarm.ICustomerOrdersGrain")]
public interface ICustomerOrdersGrain : IGrainWithStringKey
{
    /// <summary>Adding the same reference again changes nothing. Interleaves: adds that arrive together are stored by one write.</summary>
    [AlwaysInterleave, Alias("Add")]
    Task Add(string reference, DateTimeOffset placedAt);

    /// <summary>References, newest first, skipping <paramref name="skip"/>.</summary>
    [Alias("Page")]
    Task<OrderPage> Page(int skip, int take);
}
