namespace PrintFarm.Accounts;

/// <summary>
/// The list of accounts, for admins. The farm has one; it is on no customer's path: signing in
/// and checking a key read the account's or the key's own grain.
/// </summary>
[Alias("PrintFarm.IAccountsGrain")]
public interface IAccountsGrain : IGrainWithStringKey
{
    const string Key = "farm";

    [Alias("Add")]
    Task Add(string login);

    [Alias("Logins")]
    Task<List<string>> Logins();
}
