-- Drives Neovim as a real LSP client for test/neovim: the user configuration
-- (ipsec-lint.lua) plus capture of what the client received, written as JSON.
local out_path = os.getenv('IPSEC_LINT_NVIM_OUT')
local got = {}

local function finish(code)
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(got))
  f:close()
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

-- A broken server must never hang the test run.
vim.fn.timer_start(tonumber(os.getenv('IPSEC_LINT_NVIM_TIMEOUT_MS') or '15000'), function()
  got.timeout = true
  finish(3)
end)

local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  if got.diagnostics or #result.diagnostics == 0 then return end
  got.diagnostics = result.diagnostics
  got.uri = result.uri
  local line = tonumber(os.getenv('IPSEC_LINT_HOVER_LINE'))
  local character = tonumber(os.getenv('IPSEC_LINT_HOVER_CHARACTER'))
  vim.lsp.buf_request(0, 'textDocument/hover', {
    textDocument = { uri = result.uri },
    position = { line = line, character = character },
  }, function(hover_err, hover)
    got.hover_error = hover_err
    got.hover = hover
    finish(0)
  end)
end

vim.g.ipsec_lint_cmd = { os.getenv('IPSEC_LINT_NODE'), os.getenv('IPSEC_LINT_SERVER'), '--stdio' }
dofile(os.getenv('IPSEC_LINT_CONFIG'))
