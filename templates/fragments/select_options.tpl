{{%AUTOESCAPE context="HTML"}}
{{! The <option>s of a <select>: repeated OPTION {VALUE, LABEL, section SELECTED}. Rendered once by the landing page and cached (the same for every visitor), then printed raw there. }}
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
