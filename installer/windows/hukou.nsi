; 户籍窗口受理台 (Hukou Counter) — Windows installer (NSIS 3, Unicode).
; Wraps the one-folder bundle PyInstaller builds on Windows (see BUILD.md):
;   makensis /DBUNDLE_DIR=<...\dist\hukou-counter> /DVERSION=0.1.0 /DOUTFILE=<setup.exe> hukou.nsi
; Pages in Simplified Chinese: licence, folder, shortcuts, progress; the uninstaller keeps
; the station's data (%LOCALAPPDATA%\HukouCounter) unless the user ticks the box.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef BUNDLE_DIR
  !error "BUNDLE_DIR 未指定：makensis /DBUNDLE_DIR=<bundle folder> hukou.nsi / BUNDLE_DIR is missing"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "HukouCounter-${VERSION}-setup.exe"
!endif

!define APP_NAME "户籍窗口受理台"
!define APP_KEY "HukouCounter"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
; hukou.paths.data_dir(): platformdirs.user_data_dir("HukouCounter", appauthor=False)
!define DATA_FOLDER "$LOCALAPPDATA\HukouCounter"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_KEY}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APP_NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "见许可协议"

!define MUI_ICON "${__FILEDIR__}\..\icons\hukou-counter.ico"
!define MUI_UNICON "${__FILEDIR__}\..\icons\hukou-counter.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\HukouCounter.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${APP_NAME}"

Var StartMenuFolder
Var DeleteDataBox
Var DeleteData

; Installer pages: welcome, licence, folder, shortcuts (start-menu folder; a desktop
; shortcut is a component), progress, finish.
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${__FILEDIR__}\license-zh.txt"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!define MUI_STARTMENUPAGE_DEFAULTFOLDER "${APP_NAME}"
!define MUI_STARTMENUPAGE_REGISTRY_ROOT HKLM
!define MUI_STARTMENUPAGE_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_STARTMENUPAGE_REGISTRY_VALUENAME "StartMenuFolder"
!insertmacro MUI_PAGE_STARTMENU Application $StartMenuFolder
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

; Uninstaller pages: confirm, keep-or-delete the station's data, progress.
!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} 需要 64 位 Windows。/ Hukou Counter needs 64-bit Windows."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
  StrCpy $DeleteData ${BST_UNCHECKED}
FunctionEnd

Section "!${APP_NAME}（必需）" SecProgram
  SectionIn RO
  SetShellVarContext all
  ; An upgrade replaces the program files wholesale (no stale libraries from the old
  ; version); the station's data is in the user's profile, never in $INSTDIR.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\HukouCounter.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1

  !insertmacro MUI_STARTMENU_WRITE_BEGIN Application
    CreateDirectory "$SMPROGRAMS\$StartMenuFolder"
    CreateShortcut "$SMPROGRAMS\$StartMenuFolder\${APP_NAME}.lnk" "$INSTDIR\HukouCounter.exe"
    CreateShortcut "$SMPROGRAMS\$StartMenuFolder\卸载 ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  !insertmacro MUI_STARTMENU_WRITE_END
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\HukouCounter.exe"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "程序文件（含政策包、字体与翻译）。站点数据保存在用户目录，不在安装文件夹内。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在所有用户的桌面上放置启动快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "站点数据" "选择是否同时删除本机的站点数据。"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "站点数据（案件数据库、草稿、备份与密钥）保存在：$\r$\n${DATA_FOLDER}$\r$\n$\r$\n默认保留，重新安装后可继续使用。删除前请先备份（hukou.exe backup）。"
  Pop $0
  ${NSD_CreateCheckbox} 0 56u 100% 12u "同时删除站点数据（不可恢复）"
  Pop $DeleteDataBox
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DeleteDataBox $DeleteData
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${APP_NAME}.lnk"
  !insertmacro MUI_STARTMENU_GETFOLDER Application $StartMenuFolder
  Delete "$SMPROGRAMS\$StartMenuFolder\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\$StartMenuFolder\卸载 ${APP_NAME}.lnk"
  RMDir "$SMPROGRAMS\$StartMenuFolder"

  ; Only what the installer put there: a folder the user chose may hold other things.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\HukouCounter.exe"
  Delete "$INSTDIR\hukou.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"

  ${If} $DeleteData == ${BST_CHECKED}
    SetShellVarContext current
    RMDir /r "${DATA_FOLDER}"
  ${EndIf}
SectionEnd
