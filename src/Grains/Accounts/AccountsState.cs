namespace PrintFarm.Accounts;

public sealed class AccountsState
{
    public HashSet<string> Logins { get; set; } = new(StringComparer.Ordinal);
}
