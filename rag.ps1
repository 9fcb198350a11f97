# Windows entry point: same commands as ./rag (up, chat, test, web, worker, bench, models, ingest, ask).
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
if (-not $env:RAG_HOME) { $env:RAG_HOME = $here }
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
# ONNX Runtime's telemetry off before anything starts (the processes also switch it off themselves: docs/egress.md).
$env:ORT_DISABLE_TELEMETRY = '1'
$bin = Join-Path $here '.rag/bin'
$dll = Join-Path $bin 'rag.dll'

function Build-Cli {
    $stale = -not (Test-Path $dll)
    if (-not $stale) {
        $stamp = (Get-Item $dll).LastWriteTimeUtc
        $stale = [bool](Get-ChildItem -Recurse -File (Join-Path $here 'src'), (Join-Path $here 'ingest') -Include *.cs, *.csproj, *.json, *.razor |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $stamp } | Select-Object -First 1)
    }
    if ($stale) {
        Write-Host 'Building rag (first use or sources changed)...'
        dotnet build (Join-Path $here 'src/Rag.Cli/Rag.Cli.csproj') -c Release -o $bin -nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
}

if ($args.Count -gt 0 -and $args[0] -eq 'web') {
    $web = Join-Path $here '.rag/web'
    dotnet build (Join-Path $here 'src/Rag.Web/Rag.Web.csproj') -c Release -o $web -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $rest = @($args | Select-Object -Skip 1)
    dotnet (Join-Path $web 'Rag.Web.dll') @rest
    exit $LASTEXITCODE
}
if ($args.Count -gt 0 -and $args[0] -eq 'worker') {
    # The ingestion worker host (ingest/Rag.Ingest.Worker): takes jobs from the queue until stopped.
    $worker = Join-Path $here '.rag/worker'
    dotnet build (Join-Path $here 'ingest/Rag.Ingest.Worker/Rag.Ingest.Worker.csproj') -c Release -o $worker -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $rest = @($args | Select-Object -Skip 1)
    dotnet (Join-Path $worker 'rag-worker.dll') @rest
    exit $LASTEXITCODE
}
if ($args.Count -gt 0 -and $args[0] -eq 'bench') {
    # The benchmarks are their own executable (bench/Rag.Bench, never part of the product), rebuilt when sources change.
    $benchBin = Join-Path $here '.rag/bench-bin'
    $benchDll = Join-Path $benchBin 'Rag.Bench.dll'
    $stale = -not (Test-Path $benchDll)
    if (-not $stale) {
        $stamp = (Get-Item $benchDll).LastWriteTimeUtc
        $stale = [bool](Get-ChildItem -Recurse -File (Join-Path $here 'src'), (Join-Path $here 'ingest'), (Join-Path $here 'bench/Rag.Bench') -Include *.cs, *.csproj, *.json, *.razor |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $stamp } | Select-Object -First 1)
    }
    if ($stale) {
        Write-Host 'Building the benchmarks (first use or sources changed)...'
        dotnet build (Join-Path $here 'bench/Rag.Bench/Rag.Bench.csproj') -c Release -o $benchBin -nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    dotnet $benchDll @args
    exit $LASTEXITCODE
}
Build-Cli
if ($args.Count -gt 0 -and $args[0] -eq 'up') {
    # rag up starts the worker host and the web app as its children: build both, then tell it where they are.
    $web = Join-Path $here '.rag/web'
    dotnet build (Join-Path $here 'src/Rag.Web/Rag.Web.csproj') -c Release -o $web -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $worker = Join-Path $here '.rag/worker'
    dotnet build (Join-Path $here 'ingest/Rag.Ingest.Worker/Rag.Ingest.Worker.csproj') -c Release -o $worker -nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $env:RAG_WEB_APP = Join-Path $web 'Rag.Web.dll'
    $env:RAG_WORKER_APP = Join-Path $worker 'rag-worker.dll'
    dotnet $dll @args
    exit $LASTEXITCODE
}
if ($args.Count -gt 0 -and $args[0] -eq 'test') {
    dotnet $dll models install --all
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $rest = @($args | Select-Object -Skip 1)
    $output = dotnet test (Join-Path $here 'Rag.sln') -c Release -nologo -v quiet @rest 2>&1 | Tee-Object -Variable lines
    $code = $LASTEXITCODE
    $passed = 0; $failed = 0
    foreach ($l in $lines) {
        if ("$l" -match 'Failed:\s+(\d+), Passed:\s+(\d+)') { $failed += [int]$Matches[1]; $passed += [int]$Matches[2] }
    }
    Write-Host "$passed passed, $failed failed"
    exit $code
}
dotnet $dll @args
exit $LASTEXITCODE
